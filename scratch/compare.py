import json, subprocess, sys
for pdf in sys.argv[1:]:
    py = json.loads(subprocess.run(['/tmp/venv-typo/bin/python','/work/shared/tools/typo.py',pdf,'--json'],capture_output=True,text=True).stdout)
    ts = json.loads(subprocess.run(['node','scratch/typo-run.mjs',pdf,'--json'],capture_output=True,text=True).stdout)
    pairs = [
     ('pages', py['pages'], ts['pages']), ('page_types', py['page_types'], ts['pageTypes']),
     ('body', py['body_size_pt'], ts['bodySizePt']), ('leading', py['body_leading_pt'], ts['bodyLeadingPt']),
     ('heads', py['running_heads'], ts['runningHeads']), ('folios', py['folios'], ts['folios']), ('note_pages', py['note_pages'], ts['notePages']),
     ('fill', [(f['page'],f['empty_lines']) for f in py['fill']['all']], [(f['page'],f['emptyLines']) for f in ts['fill']['all']]),
     ('widows', py['widows'], ts['widows']), ('orphans', py['orphans'], ts['orphans']), ('stranded', py['stranded_heads'], ts['strandedHeads']),
     ('hyph', (py['hyphen']['lines'], py['hyphen']['hyphenated'], py['hyphen']['longest_run']), (ts['hyphen']['lines'], ts['hyphen']['hyphenated'], ts['hyphen']['longestRun'])),
     ('ladders', [(l['page'],l['lines']) for l in py['hyphen']['ladders']], [(l['page'],l['lines']) for l in ts['hyphen']['ladders']]),
     ('spacing', [py['spacing'][k] for k in ('justified_lines','median_em','p99_em','min_em','max_em','natural_space_em')], [ts['spacing'][k] for k in ('justifiedLines','medianEm','p99Em','minEm','maxEm','naturalSpaceEm')]),
     ('loose', [(l['page'],l['gap_em']) for l in py['spacing']['loose']], [(l['page'],l['gapEm']) for l in ts['spacing']['loose']]),
     ('notes', (py['notes']['calls'], py['notes']['notes_at_foot'], py['notes']['call_without_note_on_page']), (ts['notes']['calls'], ts['notes']['notesAtFoot'], ts['notes']['callWithoutNoteOnPage'])),
     ('runts', [(r['page'], r['word'], r['area']) for r in py['runts']], [(r['page'], r['word'], r['area']) for r in ts['runts']]),
     ('bad', [(r['page'], r['break']) for r in py['bad_breaks']], [(r['page'], r['break']) for r in ts['badBreaks']]),
     ('fonts', (py['fonts']['main_family'], [f['family'] for f in py['fonts']['fallback']], [f['glyphs'] for f in py['fonts']['fallback']]), (ts['fonts']['mainFamily'], [f['family'] for f in ts['fonts']['fallback']], [f['glyphs'] for f in ts['fonts']['fallback']])),
    ]
    diffs = [(k,a,b) for k,a,b in pairs if json.dumps(a) != json.dumps(b)]
    print(pdf, 'identical' if not diffs else 'DIFF')
    for k,a,b in diffs: print('  ', k, '\n     py', str(a)[:400], '\n     ts', str(b)[:400])
    print('  py:', py['summary']); print('  ts:', ts['summary'])
