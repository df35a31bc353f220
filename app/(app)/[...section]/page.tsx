import { notFound } from "next/navigation";
import { NotAllowed } from "@/components/layout/not-allowed";
import { SECTIONS } from "@/components/layout/sections";
import { pageAccess } from "@/lib/auth/page-access";

/** Sections that are on the map but not built yet say so plainly instead of 404ing. */
export default async function NotBuiltYet({ params }: { params: Promise<{ section: string[] }> }) {
  const { section } = await params;
  const href = `/${section.join("/")}`;
  const known = SECTIONS.find((s) => s.href === href);
  if (!known) notFound();
  if (!(await pageAccess(known)).allowed) return <NotAllowed title={known.label} />;
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{known.label}</h1>
      <p className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-slate-600">
        {known.label} is not built yet. It is on the roadmap; nothing here is lost in the meantime.
      </p>
    </div>
  );
}
