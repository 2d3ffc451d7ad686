// Copies the SVG icons next to the compiled nodes and credentials, as n8n
// loads them from dist/ (the n8n-nodes-starter layout).
const { src, dest } = require('gulp');

function buildIcons() {
	return src('icons/**/*.svg', { encoding: false }).pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
