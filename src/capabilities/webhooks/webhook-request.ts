import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

export interface PinnedPost {
  url: URL;
  /** The address the destination check passed; the connection goes there and nowhere else. */
  address: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** The receiver neither answered nor failed within the time allowed. */
export class ReceiverTimeout extends Error {
  override name = 'ReceiverTimeout';
}

/**
 * POSTs to the receiver over a connection to `address`, the one the check passed. The host name is
 * never resolved again (fetch would: a DNS answer changed between the check and the connect, a
 * rebinding, would lead inside), yet the Host header, TLS SNI and certificate check still use the
 * name. Only the status is read; redirects are not followed.
 */
export function postPinned(post: PinnedPost): Promise<{ status: number; statusText: string }> {
  const family = isIP(post.address);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    // Node asks for every address at once when it may try several (autoSelectFamily).
    if (options.all) callback(null, [{ address: post.address, family }]);
    else callback(null, post.address, family);
  };
  const send = post.url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(
      post.url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: pinned,
        // A keep-alive agent could hand back a socket opened to an address resolved earlier.
        agent: false,
      },
      (response) => {
        clearTimeout(timer);
        // Only the status matters; destroying frees the socket without reading a large answer.
        response.destroy();
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '' });
      },
    );
    const timer = setTimeout(
      () => request.destroy(new ReceiverTimeout(`No answer within ${post.timeoutMs / 1000} s.`)),
      post.timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(post.body);
  });
}
