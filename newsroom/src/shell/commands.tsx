import { useNavigate } from '@tanstack/react-router';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { later } from './later';

/** Something the command palette offers; `keys` is its own shortcut, listed by `?` too. */
export interface Command {
  id: string;
  label: string;
  keys?: string;
  run(): void;
}

const CommandPalette = later(() => import('./CommandPalette').then((m) => m.CommandPalette));
const ShortcutsDialog = later(() => import('./ShortcutsDialog').then((m) => m.ShortcutsDialog));

type Register = (owner: string, commands: Command[] | null) => void;
const CommandsContext = createContext<Register>(() => {});

/** A screen offers its commands to the palette while it is shown (the editor: save, submit, publish…). */
export function useCommands(owner: string, commands: Command[]): void {
  const register = useContext(CommandsContext);
  useEffect(() => {
    register(owner, commands);
    return () => register(owner, null);
  }, [register, owner, commands]);
}

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The keyboard's way round the app: Ctrl/Cmd-K opens the command palette from anywhere; `?` (when not typing
 * in a field) lists every shortcut. The app's own commands (budget, new article) are always there; a screen
 * adds its own with `useCommands`.
 */
export function CommandsProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [byOwner, setByOwner] = useState<Record<string, Command[]>>({});
  const [open, setOpen] = useState<'palette' | 'keys' | null>(null);
  const register = useRef<Register>((owner, commands) =>
    setByOwner((current) => {
      const next = { ...current };
      if (commands) next[owner] = commands;
      else delete next[owner];
      return next;
    }),
  ).current;

  const commands = useMemo<Command[]>(
    () => [
      { id: 'budget', label: 'Go to the story budget', run: () => void navigate({ to: '/' }) },
      { id: 'new', label: 'New article', run: () => void navigate({ to: '/', search: { new: true } }) },
      ...Object.values(byOwner).flat(),
      { id: 'keys', label: 'Keyboard shortcuts', keys: '?', run: () => setOpen('keys') },
    ],
    [byOwner, navigate],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen('palette');
      } else if (event.key === '?' && !typingIn(event.target) && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        setOpen('keys');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => setOpen(null);
  return (
    <CommandsContext.Provider value={register}>
      {children}
      {open === 'palette' && (
        <CommandPalette
          commands={commands}
          onClose={close}
          onRun={(command) => {
            close();
            // After the palette has closed and given focus back, so a command may open a dialog of its own.
            setTimeout(command.run, 0);
          }}
        />
      )}
      {open === 'keys' && <ShortcutsDialog commands={commands} onClose={close} />}
    </CommandsContext.Provider>
  );
}
