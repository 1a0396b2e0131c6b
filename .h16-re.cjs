const { safeRegex } = require('n8n-workflow');
const re = '^^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$$';
let max = 0, over = 0, n = 0; const t0 = Date.now(); const hist = {};
const junk = [];
while (Date.now() - t0 < 20000) {
  const s = performance.now();
  try { safeRegex.test(re, '864a63fd-c8ef-460e-8faf-6c9e555ad566'); } catch (e) { over++; }
  const d = performance.now() - s; n++; max = Math.max(max, d);
  const b = d < 1 ? '<1' : d < 10 ? '<10' : d < 50 ? '<50' : d < 250 ? '<250' : '>=250'; hist[b] = (hist[b]||0)+1;
  junk.push({a: 'x'.repeat(100)}); if (junk.length > 200000) junk.length = 0;
}
console.log({ n, max: max.toFixed(1), over, hist });
