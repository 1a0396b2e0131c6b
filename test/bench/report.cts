/** Statistics, the Markdown tables and the SVG chart of the benchmark (no dependencies). */

export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const min = (values: number[]) => Math.min(...values);
export const max = (values: number[]) => Math.max(...values);

export const MB = 1024 * 1024;

/** 1234 → "1,234"; fractions keep `digits`. */
export function num(value: number, digits = 0): string {
	if (!Number.isFinite(value)) return '—';
	return value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
}

export function mb(bytes: number, digits = 0): string {
	return num(bytes / MB, digits);
}

/** A Markdown table; numbers should already be formatted. */
export function table(header: string[], rows: string[][], align?: Array<'l' | 'r'>): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	const rule = header.map((_cell, index) => ((align?.[index] ?? 'l') === 'r' ? '---:' : '---'));
	return [line(header), line(rule), ...rows.map(line)].join('\n');
}

export interface Series {
	label: string;
	color: string;
	dashed?: boolean;
	points: Array<{ x: number; y: number }>;
}

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceLogTicks(lo: number, hi: number): number[] {
	const ticks: number[] = [];
	for (
		let exponent = Math.floor(Math.log10(lo));
		exponent <= Math.ceil(Math.log10(hi));
		exponent++
	) {
		for (const mantissa of [1, 2, 5]) {
			const value = mantissa * 10 ** exponent;
			if (value >= lo * 0.999 && value <= hi * 1.001) ticks.push(value);
		}
	}
	return ticks;
}

const shortNumber = (value: number) =>
	value >= 1000 ? `${num(value / 1000, value % 1000 ? 1 : 0)}k` : num(value);
const msLabel = (value: number) =>
	value >= 1000 ? `${num(value / 1000, value % 1000 ? 1 : 0)} s` : `${num(value)} ms`;

/** A log-log line chart (x: N records, y: node time), written by hand as SVG. */
export function lineChartSvg(options: {
	title: string;
	subtitle: string;
	xLabel: string;
	yLabel: string;
	series: Series[];
}): string {
	const width = 820;
	const height = 500;
	const margin = { left: 78, right: 250, top: 64, bottom: 58 };
	const plotW = width - margin.left - margin.right;
	const plotH = height - margin.top - margin.bottom;
	const xs = options.series.flatMap((series) => series.points.map((point) => point.x));
	const ys = options.series
		.flatMap((series) => series.points.map((point) => point.y))
		.filter((y) => y > 0);
	const xLo = Math.min(...xs);
	const xHi = Math.max(...xs);
	const yLo = 10 ** Math.floor(Math.log10(Math.min(...ys)));
	const yHi = 10 ** Math.ceil(Math.log10(Math.max(...ys)));
	const sx = (x: number) =>
		margin.left +
		((Math.log10(x) - Math.log10(xLo)) / (Math.log10(xHi) - Math.log10(xLo) || 1)) * plotW;
	const sy = (y: number) =>
		margin.top +
		plotH -
		((Math.log10(y) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo) || 1)) * plotH;
	const parts: string[] = [];
	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
	);
	parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
	parts.push(
		`<text x="${margin.left}" y="26" font-size="16" font-weight="bold" fill="#111">${escapeXml(options.title)}</text>`,
	);
	parts.push(`<text x="${margin.left}" y="46" fill="#555">${escapeXml(options.subtitle)}</text>`);
	for (const tick of niceLogTicks(yLo, yHi)) {
		const y = sy(tick).toFixed(1);
		parts.push(
			`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`,
		);
		parts.push(
			`<text x="${margin.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#444">${msLabel(tick)}</text>`,
		);
	}
	for (const tick of [...new Set(xs)].sort((a, b) => a - b)) {
		const x = sx(tick).toFixed(1);
		parts.push(
			`<line x1="${x}" x2="${x}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#f0f0f0"/>`,
		);
		parts.push(
			`<text x="${x}" y="${margin.top + plotH + 18}" text-anchor="middle" fill="#444">${shortNumber(tick)}</text>`,
		);
	}
	parts.push(
		`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
	);
	parts.push(
		`<text x="${margin.left + plotW / 2}" y="${height - 14}" text-anchor="middle" fill="#222">${escapeXml(options.xLabel)}</text>`,
	);
	parts.push(
		`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#222">${escapeXml(options.yLabel)}</text>`,
	);
	options.series.forEach((series, index) => {
		const points = series.points.filter((point) => point.y > 0).sort((a, b) => a.x - b.x);
		const path = points
			.map((point) => `${sx(point.x).toFixed(1)},${sy(point.y).toFixed(1)}`)
			.join(' ');
		parts.push(
			`<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2.5"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
		);
		for (const point of points) {
			parts.push(
				`<circle cx="${sx(point.x).toFixed(1)}" cy="${sy(point.y).toFixed(1)}" r="3.5" fill="${series.color}"><title>${escapeXml(`${series.label}: N=${point.x}, ${msLabel(Math.round(point.y))}`)}</title></circle>`,
			);
		}
		const legendY = margin.top + 8 + index * 22;
		const legendX = margin.left + plotW + 18;
		parts.push(
			`<line x1="${legendX}" x2="${legendX + 24}" y1="${legendY}" y2="${legendY}" stroke="${series.color}" stroke-width="2.5"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
		);
		parts.push(
			`<text x="${legendX + 30}" y="${legendY}" dominant-baseline="middle" fill="#222">${escapeXml(series.label)}</text>`,
		);
	});
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

/** Replaces the text between `<!-- begin -->` and `<!-- end -->` markers, or appends the block. */
export function replaceBetween(
	document: string,
	begin: string,
	end: string,
	block: string,
): string {
	const start = document.indexOf(begin);
	const stop = document.indexOf(end);
	if (start >= 0 && stop > start)
		return `${document.slice(0, start + begin.length)}\n${block}\n${document.slice(stop)}`;
	return `${document.trimEnd()}\n\n${begin}\n${block}\n${end}\n`;
}
