// Static assets step of `npm run build`: tsc emits the code, this copies what n8n loads beside it.
const { src, dest } = require('gulp');

function copyIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:assets'] = copyIcons;
exports.default = copyIcons;
