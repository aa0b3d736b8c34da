/**
 * An error message shown next to the control it is about (`role="alert"` so it is announced).
 * Renders nothing when `message` is empty.
 */
export function InlineError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
      {message}
    </p>
  );
}
