/** Puts text on the clipboard and says so on the button for a moment. */
export async function copyText(text: string, button?: HTMLButtonElement): Promise<boolean> {
  let ok = true;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    ok = false;
  }
  if (button) {
    const label = button.textContent;
    button.textContent = ok ? 'Copied' : 'Copy failed';
    setTimeout(() => (button.textContent = label), 1500);
  }
  return ok;
}
