/**
 * Training text, in reading order, with licences. Only sources whose statistics may ship under
 * CC BY-SA 4.0: the Wikipedia extracts, UD Vietnamese-VTB and NTREX-128 (CC BY-SA), ALT (CC BY),
 * and the public-domain literature of authors who died by 1953. Left out: the GPL/MPL Debian
 * documentation and `pd-literature-khudocmo-b` (authors who died 1954–1963).
 */
export const SOURCES: readonly { file: string; licence: string }[] = [
  { file: 'viwiki-undertheseanlp.txt.gz', licence: 'CC BY-SA 3.0' },
  { file: 'viwik19-ntt123-partial.txt.gz', licence: 'CC BY-SA 3.0' },
  { file: 'ud-vietnamese-vtb.txt.gz', licence: 'CC BY-SA 4.0' },
  { file: 'ntrex128-vie.txt.gz', licence: 'CC BY-SA 4.0' },
  { file: 'alt-vi-wikinews.txt.gz', licence: 'CC BY 4.0' },
  { file: 'pd-literature-khudocmo-a.txt.gz', licence: 'public domain (Vietnam)' },
];
