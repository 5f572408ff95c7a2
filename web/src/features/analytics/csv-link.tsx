// A CSV download of exactly what the panel beside it shows (same scope, same period).
export function CsvLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a className="button secondary small" href={href} download>
      {children}
    </a>
  );
}
