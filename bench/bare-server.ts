import fs from 'node:fs';
import http from 'node:http';

// The baseline: a bare node:http server sending the same bytes as Masthead's cached page: the body and
// the headers the page went out with (content type, ETag, cache policy, surrogate keys, request id...).
// With `workUs`, each answer first keeps the CPU busy that long: the bench's calibration row, which
// shows what a few microseconds of work added to an answer do to the ratio on this machine.
const [file, port, headersFile, workUs] = process.argv.slice(2);
const workNs = BigInt(Math.round(Number(workUs ?? 0) * 1000));
const body = fs.readFileSync(file!);
const headers: Record<string, string> = headersFile
  ? JSON.parse(fs.readFileSync(headersFile, 'utf8'))
  : { 'content-type': 'text/html; charset=utf-8' };
const server = http.createServer((_req, res) => {
  if (workNs > 0n) {
    const start = process.hrtime.bigint();
    while (process.hrtime.bigint() - start < workNs);
  }
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
