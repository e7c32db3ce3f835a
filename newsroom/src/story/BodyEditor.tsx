import type { Extensions } from '@tiptap/core';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { Button, Toolbar } from 'react-aria-components';
import type { BodyDocument } from '../api/types';
import { later } from '../shell/later';
import { Problem } from '../shell/Problem';
import { toBodyDocument } from './body-document';
import { type Insert, providerOf } from './body-inserts';
import { bodyExtensions, bodyExtensionsWithoutHistory } from './body-schema';
import { CommentHighlights } from './comment-highlights';
import { PhotoLibrary } from './photo-library';
import { useSlashMenu } from './SlashMenu';
import { isSuggesting, SUGGESTING_NOTE, SuggestMode, suggestionAt } from './suggest-mode';

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
  /**
   * The live document's body (Collaboration and the carets), when open: the text then comes from the
   * document, not from `initial`, and Yjs's undo replaces Tiptap's (it undoes only this person's typing).
   */
  live?: { extensions: Extensions; readOnly: boolean } | undefined;
  /** Comments (ADR 0034): a click in a passage's highlight, and "Comment" (Ctrl/Cmd-Alt-M) on the selection. */
  comments: CommentHooks;
  /** "Suggest" (Ctrl/Cmd-Alt-Shift-X): this person's suggest mode on or off (issue 17). */
  onSuggest(): void;
}

export interface CommentHooks {
  onPick(threadId: string): void;
  onComment(editor: Editor): void;
  onEditor(editor: Editor | null): void;
}

/** Google Docs' key for a comment on the selection. */
const isCommentKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === 'KeyM';

/** The body in Tiptap, in the region named "Body", with a toolbar for what the server's schema allows. */
export function BodyEditor({
  initial,
  version,
  onChange,
  flushRef,
  error,
  live,
  comments,
  onSuggest,
}: Props) {
  const commentsRef = useRef(comments);
  commentsRef.current = comments;
  const onPick = useRef((threadId: string) => commentsRef.current.onPick(threadId));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const keys = useRef<(event: KeyboardEvent) => boolean>(() => false);
  const editor = useEditor({
    extensions: [
      ...(live ? [...bodyExtensionsWithoutHistory, ...live.extensions] : bodyExtensions),
      CommentHighlights.configure({ onPick }),
      SuggestMode,
    ],
    // A live body is the server's: never seeded from here (two seeds would be two copies of the text).
    content: live ? null : initial,
    editable: !live?.readOnly,
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
      handleKeyDown: (_view, event) => {
        if (isCommentKey(event)) {
          event.preventDefault();
          if (!editor.state.selection.empty) commentsRef.current.onComment(editor);
          return true;
        }
        return keys.current(event);
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

  useEffect(() => {
    commentsRef.current.onEditor(editor);
    return () => commentsRef.current.onEditor(null);
  }, [editor]);

  const readOnly = Boolean(live?.readOnly);
  useEffect(() => {
    editor.setEditable(!readOnly);
    // Said to assistive technology too: a text box that ignores keys must say it is read-only.
    if (readOnly) editor.view.dom.setAttribute('aria-readonly', 'true');
    else editor.view.dom.removeAttribute('aria-readonly');
  }, [editor, readOnly]);

  const loaded = useRef(version);
  const isLive = Boolean(live);
  useEffect(() => {
    // A live body changes through the document (a restore is merged into it by the server).
    if (loaded.current === version || isLive) return;
    loaded.current = version;
    editor.commands.setContent(initial, { emitUpdate: false });
  }, [editor, initial, version, isLive]);

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
      {readOnly ? (
        <Toolbar aria-label="Body comments" className="toolbar">
          <CommentTool editor={editor} onComment={() => comments.onComment(editor)} />
        </Toolbar>
      ) : (
        <BodyToolbar
          editor={editor}
          onLink={askLink}
          onComment={() => comments.onComment(editor)}
          onSuggest={onSuggest}
        />
      )}
      <SuggestingNote editor={editor} />
      <EditorContent editor={editor} />
      <SuggestionAtCaret editor={editor} />
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

/** "Comment" on the selected passage; someone who may only read the article may still comment. */
function CommentTool({ editor, onComment }: { editor: Editor; onComment(): void }) {
  const empty = useEditorState({ editor, selector: ({ editor: e }) => e.state.selection.empty });
  return (
    <Button
      className="tool tool-comment"
      isDisabled={empty}
      onPress={onComment}
      aria-keyshortcuts="Control+Alt+M"
    >
      Comment
    </Button>
  );
}

/** Says, visibly and to screen readers (the body's description), that edits are suggestions now. */
function SuggestingNote({ editor }: { editor: Editor }) {
  const on = useEditorState({ editor, selector: ({ editor: e }) => isSuggesting(e.state) });
  if (!on) return null;
  return (
    <p id={SUGGESTING_NOTE} className="suggesting-note">
      Suggesting: your edits are marked for review, to be accepted or rejected.
    </p>
  );
}

const CANNOT_SUGGEST =
  'Not changed: whole paragraphs, photos, rules and lists cannot be suggested yet. Change the text inside them, or turn Suggest off.';

/**
 * The suggestion the caret is in, by whom and when: the keyboard's and the screen reader's way to the
 * author (the mouse has the tooltip). Polite: said when the caret enters a suggestion, not while typing
 * in one (the words stay the same). Also where an edit that could not be a suggestion is said to be refused.
 */
function SuggestionAtCaret({ editor }: { editor: Editor }) {
  const words = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (e.storage.suggestMode.refused && isSuggesting(e.state)) return CANNOT_SUGGEST;
      const at = suggestionAt(e.state);
      return at ? e.storage.suggestMode.describe(at.id, at.kind) : null;
    },
  });
  return (
    <p className="suggestion-at-caret" aria-live="polite">
      {words}
    </p>
  );
}

function BodyToolbar(props: { editor: Editor; onLink(): void; onComment(): void; onSuggest(): void }) {
  const { editor, onLink, onComment, onSuggest } = props;
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
      suggesting: isSuggesting(e.state),
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
      <CommentTool editor={editor} onComment={onComment} />
      <Button
        aria-pressed={active.suggesting}
        onPress={onSuggest}
        className="tool tool-suggest"
        aria-keyshortcuts="Control+Alt+Shift+X"
      >
        Suggest
      </Button>
    </Toolbar>
  );
}
