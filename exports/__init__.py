"""A report turned into documents: .docx in the official layout, Markdown, plain text.

Public API (import the submodules; nothing is imported here, so `import exports` stays cheap):
  exports.assemble.assemble(report, numbering)   -> AssembledReport (typed, numbered blocks)
  exports.preflight.preflight(report)            -> list[PreflightItem] (错误/提醒)
  exports.writer.export_report(report, path, …)  -> Path (atomic; refuses to overwrite)
  exports.service.export_stored(store, id, …)    -> ExportOutcome (approval, comments, audit)
  exports.layout                                 every layout number (GB/T 9704-2012)
"""
