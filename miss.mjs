// temporary: sequential misses against a running server (not committed)
const [url, n] = [process.argv[2], Number(process.argv[3] ?? 300)];
const t = [];
for (let i = 0; i < n; i++) { const s = performance.now(); const r = await fetch(`${url}?seq=${i}`); await r.arrayBuffer(); t.push(performance.now() - s); }
t.sort((a, b) => a - b);
console.log('p50', t[Math.floor(n / 2)].toFixed(2), 'p95', t[Math.floor(n * 0.95)].toFixed(2), 'max', t[n - 1].toFixed(2));
