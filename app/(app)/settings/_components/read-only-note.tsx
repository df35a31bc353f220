/** Why the controls below are disabled: the role lacks settings:manage (the API refuses it too). */
export function ReadOnlyNote({ role }: { role: string | null }) {
  return (
    <p className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="read-only-note">
      You can view these settings. Changing them needs the <strong>settings:manage</strong> permission (owners and admins)
      {role ? `; your role is ${role}` : ""}.
    </p>
  );
}
