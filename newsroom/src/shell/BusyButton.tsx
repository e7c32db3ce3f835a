import { useLayoutEffect, useRef } from 'react';
import { Button, type ButtonProps } from 'react-aria-components';

/**
 * A button whose request is running. It stays enabled and focusable: a disabled button drops the keyboard's
 * focus to <body>, so in a modal Escape no longer closes it and after a refusal the person is not where they
 * were. React Aria's `isPending` keeps focus but leaves `role="img"` nodes that axe reports (role-img-alt).
 * While busy a press does nothing and, for a submit button, neither does submitting its form (Enter in a
 * field, a second press): the refusal is on the form itself, so no handler has to remember it. It says
 * aria-disabled="true", and `data-busy` greys it as styles.css greys a disabled one. `isDisabled` stays for
 * "not allowed".
 */
export function BusyButton({ busy, onPress, ...props }: Omit<ButtonProps, 'isPending'> & { busy: boolean }) {
  const ref = useRef<HTMLButtonElement>(null);
  const submits = props.type === 'submit';
  // A layout effect, so the guard is on before the next keystroke can submit again.
  useLayoutEffect(() => {
    const form = ref.current?.form;
    if (!busy || !submits || !form) return;
    const refuse = (event: Event) => {
      event.preventDefault();
      // React hears submit where it listens, above the form: the event must not get there.
      event.stopPropagation();
    };
    form.addEventListener('submit', refuse);
    return () => form.removeEventListener('submit', refuse);
  }, [busy, submits]);
  return (
    <Button
      {...props}
      ref={ref}
      onPress={busy ? undefined : onPress}
      aria-disabled={busy || undefined}
      data-busy={busy || undefined}
    />
  );
}
