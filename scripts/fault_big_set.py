import uuid, sys
n = int(sys.argv[1]); out = sys.argv[2]
line = "The claim is true and the number is forty-two percent of all.\n"
doc = line * 200
open(out + "/a.txt", "w").write(doc)
import hashlib
anns = []
for i in range(n):
    s = (i % 200) * len(line) + 4
    anns.append(f'''        (
            id: "{uuid.UUID(int=i+1)}",
            tag: "claim",
            position: (
                char_start: {s},
                char_end: {s+5},
            ),
            quote: (
                exact: "claim",
                prefix: "",
                suffix: "",
            ),
            note: "note number {i} {'x'*400}",
            author: "t",
            created: "2026-12-01T21:47:28Z",
            modified: "2026-12-01T21:47:28Z",
            status: Exact,
            verdict: Unreviewed,
        ),''')
sha = hashlib.sha256(doc.encode()).hexdigest()
ron = f'''(
    version: 1,
    generator: (
        name: "factmark",
        version: "0.1.0",
    ),
    source: (
        path: "a.txt",
        sha256: "{sha}",
        char_len: {len(doc)},
    ),
    title: "big",
    created: "2026-12-01T21:47:28Z",
    modified: "2026-12-01T21:47:28Z",
    review: (
        organization: "",
        organization_url: "",
        document_url: "",
        document_published: "",
        review_url: "",
    ),
    tags: [
        (
            name: "claim",
            color: "#f5a623",
            key: Some('1'),
        ),
    ],
    annotations: [
{chr(10).join(anns)}
    ],
    evidence: [],
    links: [],
)
'''
open(out + "/a.txt.factmark.ron", "w").write(ron)
