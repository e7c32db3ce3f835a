import fs from 'node:fs';
import http from 'node:http';

// The baseline: a bare node:http server sending the bytes of a page with the same content type.
const [file, port] = process.argv.slice(2);
const body = fs.readFileSync(file!);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
