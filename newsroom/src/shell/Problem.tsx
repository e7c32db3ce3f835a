/** A refusal or error in words, announced at once; nothing when there is none. */
export function Problem({
  text,
  className = 'error',
}: {
  text: string | null | undefined;
  className?: string;
}) {
  return text ? (
    <p className={className} role="alert">
      {text}
    </p>
  ) : null;
}
