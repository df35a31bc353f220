/** Where an export's status lives in the API (the Location of POST /api/v1/calls/export). */
export const exportUrl = (exportId: string) => `/api/v1/exports/${exportId}`;

/** The CSV itself. */
export const exportDownloadUrl = (exportId: string) => `/api/v1/exports/${exportId}/download`;

/** The storage key (`files.path`): `exports/<companyId>/<exportId>.csv`, under DATA_DIR on local disk. */
export const exportFileKey = (companyId: string, exportId: string) => `exports/${companyId}/${exportId}.csv`;
