export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
        <rect width="32" height="32" rx="7" fill="#4f46e5" />
        <path d="M8 22h16M8 16h11M8 10h6" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      </svg>
      Tierwise
    </span>
  );
}
