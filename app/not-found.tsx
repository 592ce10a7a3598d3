import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/shell/logo";
import { buttonClasses } from "@/components/ui/button-classes";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center px-4 py-16 text-center">
      <Logo className="mb-10" />
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900">Page not found</h1>
      <p className="mt-3 max-w-sm text-sm leading-relaxed text-zinc-600">
        The page you are looking for does not exist, or you do not have access to it.
      </p>
      <Link href="/" className={buttonClasses({ className: "mt-8" })}>
        Go home
      </Link>
    </div>
  );
}
