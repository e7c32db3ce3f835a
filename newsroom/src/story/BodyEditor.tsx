import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import { Button, Toolbar } from 'react-aria-components';
import type { BodyDocument } from '../api/types';
import { toBodyDocument } from './body-document';
import { bodyExtensions } from './body-schema';

/** How long typing may pause before the body is read out of the editor (JSON of the whole document). */
const READ_BODY_MS = 200;

interface Props {
  initial: BodyDocument;
  /** Changes when the body was replaced from outside (a merge); the editor then loads `initial` again. */
  version: number;
  onChange(body: BodyDocument): void;
  /** Gives the page a way to read pending typing at once (Ctrl/Cmd-S, a workflow step). */
  flushRef: { current: (() => void) | null };
  error?: string | undefined;
}

/** The body in Tiptap, in the region named "Body", with a toolbar for what the server's schema allows. */
export function BodyEditor({ initial, version, onChange, flushRef, error }: Props) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const editor = useEditor({
    extensions: bodyExtensions,
    content: initial,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'body-label',
        class: 'body-text',
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor: changed }) => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => onChangeRef.current(toBodyDocument(changed.getJSON())), READ_BODY_MS);
    },
  });

  useEffect(() => {
    flushRef.current = () => {
      if (timer.current === undefined) return;
      clearTimeout(timer.current);
      timer.current = undefined;
      onChangeRef.current(toBodyDocument(editor.getJSON()));
    };
    return () => {
      flushRef.current?.();
      flushRef.current = null;
    };
  }, [editor, flushRef]);

  const loaded = useRef(version);
  useEffect(() => {
    if (loaded.current === version) return;
    loaded.current = version;
    editor.commands.setContent(initial, { emitUpdate: false });
  }, [editor, initial, version]);

  return (
    <section className="field body-field" aria-labelledby="body-label">
      <span id="body-label" className="label">
        Body
      </span>
      <BodyToolbar editor={editor} />
      <EditorContent editor={editor} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function BodyToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      h4: e.isActive('heading', { level: 4 }),
      quote: e.isActive('blockquote'),
      bullets: e.isActive('bulletList'),
      numbers: e.isActive('orderedList'),
      link: e.isActive('link'),
    }),
  });
  const chain = () => editor.chain().focus();
  const setLink = () => {
    const previous = (editor.getAttributes('link').href as string | undefined) ?? '';
    const href = window.prompt('Link address', previous);
    if (href === null) return;
    if (href === '') chain().unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href }).run();
  };
  const tool = (label: string, shortcut: string, pressed: boolean, run: () => void) => (
    <Button aria-pressed={pressed} onPress={run} className="tool" aria-keyshortcuts={shortcut || undefined}>
      {label}
    </Button>
  );
  return (
    <Toolbar aria-label="Body formatting" className="toolbar">
      {tool('Bold', 'Control+B', active.bold, () => chain().toggleBold().run())}
      {tool('Italic', 'Control+I', active.italic, () => chain().toggleItalic().run())}
      {tool('Link', '', active.link, setLink)}
      {tool('Subhead', '', active.h2, () => chain().toggleHeading({ level: 2 }).run())}
      {tool('Subhead 3', '', active.h3, () => chain().toggleHeading({ level: 3 }).run())}
      {tool('Subhead 4', '', active.h4, () => chain().toggleHeading({ level: 4 }).run())}
      {tool('Quotation', '', active.quote, () => chain().toggleBlockquote().run())}
      {tool('Bullets', '', active.bullets, () => chain().toggleBulletList().run())}
      {tool('Numbered', '', active.numbers, () => chain().toggleOrderedList().run())}
    </Toolbar>
  );
}
