import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import { type Insert, matchInserts } from './body-inserts';

interface Open {
  /** The `/` and the words typed after it, which a choice replaces. */
  from: number;
  to: number;
  typed: string;
}

const MENU_ID = 'body-insert-menu';

/** A `/` at the start of a block or after a space, and up to 20 letters typed after it. */
function slashAt(editor: Editor): Open | null {
  const { selection } = editor.state;
  if (!selection.empty) return null;
  const { $from } = selection;
  if (!$from.parent.isTextblock) return null;
  const before = $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc');
  const found = /(?:^|\s)\/([\p{L}\d]{0,20})$/u.exec(before);
  if (!found) return null;
  const typed = found[1] ?? '';
  return { from: $from.pos - typed.length - 1, to: $from.pos, typed };
}

/**
 * The `/` menu of the body: typing `/` at the start of a paragraph (or after a space) lists every block the
 * server accepts; more letters narrow it. It is a listbox the editor points at with aria-activedescendant, so
 * screen readers read the highlighted choice as the arrows move; Enter or Tab inserts, Escape closes.
 * `onKey` is the editor's key handler while the menu is open.
 */
export function useSlashMenu(editor: Editor, ask: (insert: Insert) => void) {
  const [open, setOpen] = useState<Open | null>(null);
  const [active, setActive] = useState(0);
  const dismissed = useRef<number | null>(null);

  useEffect(() => {
    const check = () => {
      const next = slashAt(editor);
      if (!next) dismissed.current = null;
      const shown = next && dismissed.current !== next.from ? next : null;
      setOpen((prev) =>
        prev?.from === shown?.from && prev?.to === shown?.to && prev?.typed === shown?.typed ? prev : shown,
      );
    };
    editor.on('transaction', check);
    return () => {
      editor.off('transaction', check);
    };
  }, [editor]);

  const items = open ? matchInserts(open.typed) : [];
  const typed = open?.typed;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new word typed starts again at the top
  useEffect(() => setActive(0), [typed]);

  const current = items[Math.min(active, items.length - 1)];
  const activeId = open && current ? `${MENU_ID}-${current.id}` : null;
  useEffect(() => {
    const dom = editor.view.dom;
    if (activeId) {
      dom.setAttribute('aria-controls', MENU_ID);
      dom.setAttribute('aria-activedescendant', activeId);
    } else {
      dom.removeAttribute('aria-controls');
      dom.removeAttribute('aria-activedescendant');
    }
  }, [editor, activeId]);

  const choose = (insert: Insert) => {
    if (!open) return;
    editor.chain().focus().deleteRange({ from: open.from, to: open.to }).run();
    setOpen(null);
    if (insert.run) insert.run(editor);
    else ask(insert);
  };

  const onKey = (event: KeyboardEvent): boolean => {
    if (!open) return false;
    if (event.key === 'Escape') {
      dismissed.current = open.from;
      setOpen(null);
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const by = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + by + items.length) % items.length);
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && current) {
      choose(current);
      return true;
    }
    return false;
  };

  let menu: React.ReactNode = null;
  if (open && items.length > 0) {
    const field = editor.view.dom.closest('.body-field')?.getBoundingClientRect();
    const at = editor.view.coordsAtPos(open.from);
    menu = (
      <div
        id={MENU_ID}
        role="listbox"
        aria-label="Insert"
        className="slash-menu"
        style={{ top: at.bottom - (field?.top ?? 0) + 4, left: at.left - (field?.left ?? 0) }}
      >
        {items.map((item) => (
          // Chosen with the keyboard from the editor (aria-activedescendant), or with the mouse here.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the editor keeps focus and handles the keys
          <div
            key={item.id}
            tabIndex={-1}
            id={`${MENU_ID}-${item.id}`}
            role="option"
            aria-selected={item === current}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(item)}
          >
            {item.label}
            <span className="detail">{item.detail}</span>
          </div>
        ))}
      </div>
    );
  }
  const announcement = open
    ? `Insert menu, ${items.length} ${items.length === 1 ? 'choice' : 'choices'}. Arrows move, Enter inserts, Escape closes.`
    : '';
  return {
    onKey,
    menu: (
      <>
        {menu}
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </>
    ),
  };
}
