import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="text-center">
        <h1 className="text-lg font-semibold text-slate-900">Page not found</h1>
        <Link href="/accounts" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to your accounts
        </Link>
      </div>
    </main>
  );
}
