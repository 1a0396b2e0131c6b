// `.cts` test files import each other as `./x.cjs` (TypeScript's rule for .cts). Map that to the
// source file, but only for imports made from our own test tree (packages ship real .cjs files).
const path = require('node:path');

const testRoot = __dirname + path.sep;

module.exports = (request, options) => {
	if (
		options.basedir.startsWith(testRoot) &&
		/^\.{1,2}\//.test(request) &&
		request.endsWith('.cjs')
	) {
		return options.defaultResolver(request.replace(/\.cjs$/, '.cts'), options);
	}
	return options.defaultResolver(request, options);
};
