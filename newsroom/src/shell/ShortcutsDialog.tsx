import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import type { Command } from './commands';
import './keyboard.css';

/** Keys that are not commands of the palette but work in the editor. */
const EDITING_KEYS: [keys: string, what: string][] = [
  ['Ctrl/Cmd-K', 'Command palette'],
  ['?', 'This list (when not typing in a field)'],
  ['/', 'In the body, at the start of a line: insert a subhead, quote, list, photo, embed…'],
  ['Ctrl/Cmd-B', 'Bold'],
  ['Ctrl/Cmd-I', 'Italic'],
  ['Ctrl/Cmd-Z', 'Undo (Ctrl/Cmd-Shift-Z: redo)'],
  ['## + space', 'In the body: a subhead (### and #### for smaller ones)'],
  ['> + space', 'In the body: a quotation'],
  ['- + space', 'In the body: a bulleted list (1. for a numbered one)'],
  ['Escape', 'Close a menu or dialog'],
];

/** `?`: every shortcut, the editing keys and the palette's commands that have a key of their own. */
export function ShortcutsDialog(props: { commands: Command[]; onClose(): void }) {
  const withKeys = props.commands.filter((c) => c.keys && c.keys !== '?');
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal">
      <Dialog className="dialog">
        <Heading slot="title">Keyboard shortcuts</Heading>
        <dl className="keys">
          {[...withKeys.map((c): [string, string] => [c.keys ?? '', c.label]), ...EDITING_KEYS].map(
            ([keys, what]) => (
              <div key={keys + what} style={{ display: 'contents' }}>
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ),
          )}
        </dl>
        <div className="actions">
          <Button onPress={props.onClose} autoFocus>
            Close
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}
