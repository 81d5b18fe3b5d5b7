/** Placeholder: built in its own change. */
export function TravelPage() {
  return (
    <section aria-labelledby="page-h">
      <h2 id="page-h">Travel cache</h2>
    </section>
  );
}
