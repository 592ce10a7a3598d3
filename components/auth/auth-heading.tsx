import type { ReactNode } from "react";

export function AuthHeading({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
      {description && <p className="mt-1.5 text-sm text-zinc-600">{description}</p>}
    </div>
  );
}
