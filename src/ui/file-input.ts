/** A file chosen in an `<input type="file">`, handed to `use`; the input is cleared after, so the same file can be chosen again. */
export async function usePickedFile(e: Event, use: (file: File) => Promise<unknown>): Promise<void> {
  const el = e.currentTarget as HTMLInputElement;
  const file = el.files?.[0];
  if (!file) return;
  try {
    await use(file);
  } finally {
    el.value = '';
  }
}
