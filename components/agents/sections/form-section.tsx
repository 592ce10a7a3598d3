import type { ReactNode } from "react";

/** One titled part of a long form: title and explanation on the left, fields on the right (lg+). */
export function FormSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="scroll-mt-24 rounded-xl border border-zinc-200 bg-white shadow-xs"
    >
      <div className="grid gap-6 px-4 py-6 sm:px-6 lg:grid-cols-3 lg:gap-8">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-900">
            {title}
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-zinc-500">{description}</p>
        </div>
        <div className="min-w-0 space-y-5 lg:col-span-2">{children}</div>
      </div>
    </section>
  );
}
