// Asset steps of `npm run build`: tsc emits the code; these clear stale output and copy what n8n loads beside it.
const { rmSync } = require('node:fs');
const { src, dest, series } = require('gulp');

function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

function copyIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{svg,png}', 'credentials/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = copyIcons;
exports.default = series(clean, copyIcons);
