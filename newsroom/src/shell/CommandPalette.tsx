import { type KeyboardEvent, useState } from 'react';
import { Dialog, Heading, Modal } from 'react-aria-components';
import type { Command } from './commands';
import './keyboard.css';

const LIST_ID = 'palette-commands';

/**
 * Ctrl/Cmd-K: type a few letters of a command, arrows to move, Enter to run it, Escape to close. A combo box
 * over a listbox (aria-activedescendant), as in the WAI-ARIA pattern; React Aria's Autocomplete would move its
 * code into the app's first load, since the lists every screen uses share a module with it.
 */
export function CommandPalette(props: {
  commands: Command[];
  onClose(): void;
  onRun(command: Command): void;
}) {
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const words = typed.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const found = props.commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
  const current = found[Math.min(active, found.length - 1)];
  const key = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const by = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + by + found.length) % Math.max(1, found.length));
    } else if (event.key === 'Enter' && current) {
      event.preventDefault();
      props.onRun(current);
    }
  };
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && props.onClose()} className="modal">
      <Dialog className="dialog palette">
        <Heading slot="title">Command palette</Heading>
        <div className="field">
          <label htmlFor="palette-input">Command</label>
          <input
            id="palette-input"
            role="combobox"
            aria-expanded="true"
            aria-controls={LIST_ID}
            aria-autocomplete="list"
            aria-activedescendant={current ? `${LIST_ID}-${current.id}` : undefined}
            autoComplete="off"
            placeholder="Type a command…"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              setActive(0);
            }}
            onKeyDown={key}
            autoFocus
          />
        </div>
        <div id={LIST_ID} role="listbox" aria-label="Commands" className="palette-list">
          {found.length === 0 && <p className="empty">No command matches.</p>}
          {found.map((command) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the input's (aria-activedescendant)
            <div
              key={command.id}
              id={`${LIST_ID}-${command.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={command === current}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => props.onRun(command)}
            >
              {command.label}
              {command.keys && <kbd>{command.keys}</kbd>}
            </div>
          ))}
        </div>
      </Dialog>
    </Modal>
  );
}
