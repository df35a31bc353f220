"use client";

import { Card } from "@/components/ui/card";
import { LoadError } from "@/components/ui/load-error";
import { LoadingSkeleton } from "@/components/ui/skeleton";
import { ROLE_LABELS } from "./role-ceiling";
import { usePermissionMatrix } from "./use-team";

/** What each role may do, from GET /api/v1/team/permissions (the matrix the API enforces). */
export function PermissionMatrixCard() {
  const matrix = usePermissionMatrix();
  return (
    <Card
      title="What each role may do"
      description="The same rules the API applies to every request."
      padded={false}
      data-testid="permission-matrix"
    >
      {matrix.isError ? (
        <div className="p-4">
          <LoadError error={matrix.error} subject="The permission matrix" onRetry={() => void matrix.refetch()} hasData={false} />
        </div>
      ) : matrix.data ? (
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Permissions by role</caption>
            <thead>
              <tr className="border-b border-slate-200 text-xs text-slate-500">
                <th scope="col" className="px-3 py-2 text-left font-medium sm:px-4">
                  Permission
                </th>
                {matrix.data.data.roles.map((role) => (
                  <th key={role} scope="col" className="px-2 py-2 text-center font-medium sm:px-3">
                    {ROLE_LABELS[role]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.data.data.permissions.map((permission) => (
                <tr key={permission} className="border-b border-slate-100 last:border-b-0">
                  <th scope="row" className="px-3 py-1.5 text-left font-mono text-xs font-normal text-slate-800 sm:px-4">
                    {permission}
                  </th>
                  {matrix.data.data.roles.map((role) => {
                    const granted = matrix.data.data.grants[role].includes(permission);
                    return (
                      <td key={role} className="relative px-2 py-1.5 text-center sm:px-3">
                        {granted ? (
                          <>
                            <span className="text-emerald-700" aria-hidden>
                              ✓
                            </span>
                            <span className="sr-only">Yes</span>
                          </>
                        ) : (
                          <>
                            <span className="text-slate-400" aria-hidden>
                              —
                            </span>
                            <span className="sr-only">No</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <LoadingSkeleton label="Loading the permission matrix…" count={6} className="p-4" />
      )}
    </Card>
  );
}
