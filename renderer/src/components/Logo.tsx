export function Logo() {
  return (
    <svg className="logo" width="28" height="28" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--brand)" />
      <path d="M14 22a6 6 0 0 1 6-6h24a6 6 0 0 1 6 6v14a6 6 0 0 1-6 6H34l-8 7v-7h-6a6 6 0 0 1-6-6z" fill="#fff" />
      <path d="M20 30h6l3-6 5 12 3-6h7" fill="none" stroke="var(--brand)" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
