/** Placeholder: built in its own change. */
export function KitPage() {
  return (
    <section aria-labelledby="page-h">
      <h2 id="page-h">Kit</h2>
    </section>
  );
}
