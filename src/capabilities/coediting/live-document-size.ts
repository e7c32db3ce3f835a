/**
 * A live document's size bound (issue 17): a document's stored state is one text column and is sent
 * whole to every editor who opens it, so a runaway one (a paste loop, a client gone wrong) must stop
 * growing. Pure: no Hocuspocus, no Yjs.
 */

/** The largest state a live document may grow to: far above the longest article with its history. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** What the editor whose update is refused is told (a stateless notice, `too-large`). */
export function tooLargeMessage(maxBytes: number): string {
  const size =
    maxBytes < 1024 * 1024 ? `${Math.round(maxBytes / 1024)} KB` : `${Math.round(maxBytes / 1024 / 1024)} MB`;
  return (
    `This article has reached the size live editing allows (${size}): what you type now is not saved. ` +
    'Copy it somewhere safe, and ask an editor to shorten or split the article.'
  );
}

/**
 * Whether a Hocuspocus message carries document content (a sync step 2 or an update), read from its
 * header: the document name (a length-prefixed string), the message type (Sync, or SyncReply), the sync
 * step. Awareness, queries and sync step 1 never grow the document and always pass.
 */
export function carriesContent(message: Uint8Array): boolean {
  let at = 0;
  const readVarUint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = message[at++];
      if (byte === undefined) return -1;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return -1;
  };
  const nameBytes = readVarUint();
  if (nameBytes < 0) return false;
  at += nameBytes;
  const type = readVarUint();
  if (type !== SYNC && type !== SYNC_REPLY) return false;
  const step = readVarUint();
  return step === SYNC_STEP_2 || step === SYNC_UPDATE;
}

const SYNC = 0;
const SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
