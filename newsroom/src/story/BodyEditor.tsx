import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { Button, Toolbar } from 'react-aria-components';
import type { BodyDocument } from '../api/types';
import { later } from '../shell/later';
import { Problem } from '../shell/Problem';
import { toBodyDocument } from './body-document';
import { type Insert, providerOf } from './body-inserts';
import { bodyExtensions } from './body-schema';
import { PhotoLibrary } from './photo-library';
import { useSlashMenu } from './SlashMenu';

const LinkDialog = later(() => import('./BodyDialogs').then((m) => m.LinkDialog));
const EmbedDialog = later(() => import('./BodyDialogs').then((m) => m.EmbedDialog));

/** The dialog open over the body, if any. */
type Asking =
  | { kind: 'link'; href: string; from: number; to: number }
  | { kind: 'embed' }
  | { kind: 'photo' }
  | null;

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
  const keys = useRef<(event: KeyboardEvent) => boolean>(() => false);
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
      handleKeyDown: (_view, event) => keys.current(event),
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

  const [asking, setAsking] = useState<Asking>(null);
  const slash = useSlashMenu(editor, (insert: Insert) => insert.asks && setAsking({ kind: insert.asks }));
  keys.current = slash.onKey;
  const close = () => setAsking(null);
  const insert = (node: { type: string; attrs: Record<string, unknown> }) => {
    setAsking(null);
    editor.chain().focus().insertContent(node).run();
  };
  const askLink = () => {
    const { from, to } = editor.state.selection;
    setAsking({
      kind: 'link',
      href: (editor.getAttributes('link').href as string | undefined) ?? '',
      from,
      to,
    });
  };

  return (
    <section className="field body-field" aria-labelledby="body-label">
      <span id="body-label" className="label">
        Body
      </span>
      <BodyToolbar editor={editor} onLink={askLink} />
      <EditorContent editor={editor} />
      {slash.menu}
      {asking?.kind === 'link' && (
        <LinkDialog
          href={asking.href}
          onClose={close}
          onLink={(href) => {
            setAsking(null);
            const chain = editor
              .chain()
              .focus()
              .setTextSelection({ from: asking.from, to: asking.to })
              .extendMarkRange('link');
            if (href) chain.setMark('link', { href }).run();
            else chain.unsetMark('link').run();
          }}
        />
      )}
      {asking?.kind === 'embed' && (
        <EmbedDialog
          onClose={close}
          onEmbed={(url, caption) =>
            insert({ type: 'embed', attrs: { url, provider: providerOf(url), caption: caption || null } })
          }
        />
      )}
      {asking?.kind === 'photo' && (
        <PhotoLibrary
          title="Choose a photo for the body"
          onClose={close}
          onChoose={(media) =>
            insert({
              type: 'image',
              attrs: {
                mediaId: media.id,
                alt: media.altText,
                caption: media.caption,
                credit: media.credit || media.creator,
              },
            })
          }
        />
      )}
      <Problem text={error} className="field-error" />
    </section>
  );
}

function BodyToolbar({ editor, onLink }: { editor: Editor; onLink(): void }) {
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
  const tool = (label: string, shortcut: string, pressed: boolean, run: () => void) => (
    <Button aria-pressed={pressed} onPress={run} className="tool" aria-keyshortcuts={shortcut || undefined}>
      {label}
    </Button>
  );
  return (
    <Toolbar aria-label="Body formatting" className="toolbar">
      {tool('Bold', 'Control+B', active.bold, () => chain().toggleBold().run())}
      {tool('Italic', 'Control+I', active.italic, () => chain().toggleItalic().run())}
      {tool('Link', '', active.link, onLink)}
      {tool('Subhead', '', active.h2, () => chain().toggleHeading({ level: 2 }).run())}
      {tool('Subhead 3', '', active.h3, () => chain().toggleHeading({ level: 3 }).run())}
      {tool('Subhead 4', '', active.h4, () => chain().toggleHeading({ level: 4 }).run())}
      {tool('Quotation', '', active.quote, () => chain().toggleBlockquote().run())}
      {tool('Bullets', '', active.bullets, () => chain().toggleBulletList().run())}
      {tool('Numbered', '', active.numbers, () => chain().toggleOrderedList().run())}
    </Toolbar>
  );
}
