// `.cts` test files import each other as `./x.cjs` (TypeScript's rule for .cts). Map that to the
// source file, but only for imports made from our own test tree: packages ship real .cjs files, including the
// n8n host's packages under test/e2e/host/node_modules.
const path = require('node:path');

const testRoot = __dirname + path.sep;

module.exports = (request, options) => {
	if (
		options.basedir.startsWith(testRoot) &&
		!options.basedir.split(path.sep).includes('node_modules') &&
		/^\.{1,2}\//.test(request) &&
		request.endsWith('.cjs')
	) {
		return options.defaultResolver(request.replace(/\.cjs$/, '.cts'), options);
	}
	return options.defaultResolver(request, options);
};
