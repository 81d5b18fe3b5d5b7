/** Placeholder: built in its own change. */
export function SettingsPage() {
  return (
    <section aria-labelledby="page-h">
      <h2 id="page-h">Settings</h2>
    </section>
  );
}
