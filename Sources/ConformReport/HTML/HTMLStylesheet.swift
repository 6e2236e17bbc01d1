/// The report page's only stylesheet, inlined so the file needs nothing else: readable on screen
/// in light and dark themes, and printable (colours kept, sections unbroken, long lines wrapped).
enum HTMLStylesheet {
    static let css = """
        :root { --pass: #1a7f37; --fail: #cf222e; --baselined: #9a6700; --skip: #6e7781; --error: #8250df;
          --pass-bg: #dafbe1; --fail-bg: #ffebe9; --baselined-bg: #fff8c5; --skip-bg: #f6f8fa; --error-bg: #fbefff;
          --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --code-bg: #f6f8fa; --page: #ffffff; }
        @media (prefers-color-scheme: dark) {
          :root { --pass-bg: #12361f; --fail-bg: #4a1518; --baselined-bg: #3b2e0a; --skip-bg: #22272e; --error-bg: #2f1d47;
            --pass: #57ab5a; --fail: #f47067; --baselined: #daaa3f; --skip: #909dab; --error: #b083f0;
            --text: #e6edf3; --muted: #9198a1; --line: #3d444d; --code-bg: #161b22; --page: #0d1117; }
        }
        * { box-sizing: border-box; }
        body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
          color: var(--text); background: var(--page);
          margin: 0 auto; padding: 24px; max-width: 1280px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
        h3 { font-size: 16px; margin: 0 0 6px; }
        code, pre { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px;
          padding: 8px 10px; margin: 4px 0 10px;
          white-space: pre-wrap; overflow-wrap: anywhere; }
        table { border-collapse: collapse; margin: 8px 0 16px; }
        th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: var(--code-bg); }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        .headline { font-size: 16px; margin: 0 0 16px; }
        .status { display: inline-block; padding: 2px 10px; border-radius: 6px; color: #fff; }
        .status-passed { background: var(--pass); } .status-failed { background: var(--fail); }
        .status-error { background: var(--error); } .status-interrupted { background: var(--baselined); }
        .facts th { width: 12em; }
        .muted { color: var(--muted); }
        .matrix { font-size: 12px; }
        .matrix th.check { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;
          padding: 6px 2px; font-weight: 500; }
        .matrix td.cell { text-align: center; min-width: 2.2em; white-space: nowrap; }
        .cell.pass, .badge.pass { background: var(--pass-bg); color: var(--pass); }
        .cell.fail, .badge.fail { background: var(--fail-bg); color: var(--fail); font-weight: 700; }
        .cell.baselined, .badge.baselined, .cell.uncounted, .badge.uncounted { background: var(--baselined-bg); color: var(--baselined); }
        .cell.unsupported, .badge.unsupported { background: var(--fail-bg); color: var(--fail); font-weight: 700; }
        .cell.skip, .badge.skip { background: var(--skip-bg); color: var(--skip); }
        .cell.error, .badge.error { background: var(--error-bg); color: var(--error); font-weight: 700; }
        .cell.none { background: transparent; }
        .badge { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; }
        .legend span { margin-right: 12px; }
        .case { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
        .case.fail { border-left-color: var(--fail); } .case.error { border-left-color: var(--error); }
        .case.baselined, .case.uncounted { border-left-color: var(--baselined); } .case.unsupported { border-left-color: var(--fail); }
        .finding { margin: 8px 0 12px; }
        .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
        .sides > div { min-width: 0; }
        .label { font-weight: 600; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        @media (max-width: 800px) { .sides { grid-template-columns: 1fr; } }
        @media print {
          body { max-width: none; padding: 0; font-size: 11px; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .case, tr { break-inside: avoid; }
          h2 { break-after: avoid; }
          pre { font-size: 9px; }
        }
        """
}
