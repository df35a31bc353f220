import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { sectionRule } from "@/components/layout/sections";
import { Card } from "@/components/ui/card";
import { pageAccess } from "@/lib/auth/page-access";
import { roleHas } from "@/lib/auth/permissions";
import { getCompanyTimezone } from "@/lib/services/companies/get-company-timezone";
import { formatPhone, otherParty } from "../_components/call-labels";
import { AnalysisCard } from "./_components/analysis-card";
import { AppointmentCard } from "./_components/appointment-card";
import { CallHeader } from "./_components/call-header";
import { CustomerCard } from "./_components/customer-card";
import { loadCall } from "./_components/load-call";
import { RecordingPlayer } from "./_components/recording-player";
import { Transcript } from "./_components/transcript";

type Params = { params: Promise<{ id: string }> };

/** The company whose call this may be, when the person may read its calls (one session read per render). */
async function companyOf(): Promise<string | null> {
  const { user, allowed } = await pageAccess(sectionRule("/calls"));
  return allowed ? user.companyId : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const companyId = await companyOf();
  const call = companyId ? await loadCall(companyId, id) : null;
  if (!call) return { title: "Call not found" };
  return { title: `Call ${call.direction === "inbound" ? "from" : "to"} ${call.customer?.name ?? formatPhone(otherParty(call))}` };
}

/**
 * /calls/[id] — one call: who and when, the recording, the transcript as a conversation, Retell's
 * analysis, and the appointment and customer it is linked to. Rendered on the server from the
 * calls service; an unknown id (or another company's) is a 404 like the API's.
 */
export default async function CallPage({ params }: Params) {
  const { id } = await params;
  const companyId = await companyOf();
  const call = companyId ? await loadCall(companyId, id) : null;
  if (!companyId || !call) notFound();
  const timeZone = await getCompanyTimezone(companyId);
  const { user } = await pageAccess(sectionRule("/calls"));

  return (
    <div className="mx-auto max-w-7xl space-y-4" data-testid="call-detail">
      <Link
        href="/calls"
        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        ← All calls
      </Link>
      <CallHeader call={call} timeZone={timeZone} />
      {/* Phones: one column, the analysis (summary) first. Wide screens: recording and transcript beside the rest.
          Each column box is display:contents on phones so its cards can be ordered together. */}
      <div className="grid gap-4 lg:grid-cols-3 lg:items-start">
        <div className="contents lg:col-span-2 lg:block lg:min-w-0 lg:space-y-4">
          <Card title="Recording" className="order-2">
            <RecordingPlayer url={call.recordingUrl} />
          </Card>
          <Card
            title="Transcript"
            description={call.transcriptTurns.length ? `${call.transcriptTurns.length} turns` : undefined}
            className="order-3"
          >
            <Transcript turns={call.transcriptTurns} />
          </Card>
        </div>
        <div className="contents lg:block lg:min-w-0 lg:space-y-4">
          <AnalysisCard analysis={call.analysis} className="order-1" />
          <AppointmentCard
            appointment={call.appointment}
            callId={call.id}
            canBook={roleHas(user.role, "appointments:write")}
            className="order-4"
          />
          <CustomerCard customer={call.customer} className="order-5" />
        </div>
      </div>
    </div>
  );
}
