"""Line-based graph files load in parallel parts: the same graph as in one part, and a syntax error
is reported at its line in the whole file."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from newskg.graph.bulk import bulk_load_file, line_ranges


def write_quads(path, n: int, named: bool) -> list[str]:
    lines = []
    for i in range(n):
        graph = f" <http://ex.org/g{i % 7}>" if named else ""
        lines.append(f'<http://ex.org/s{i % 50}> <http://ex.org/p{i % 3}> "value {i}"{graph} .\n')
    path.write_text("".join(lines), encoding="utf-8")
    return lines


def test_ranges_cut_at_line_breaks_and_cover_the_file(tmp_path):
    path = tmp_path / "g.nt"
    write_quads(path, 1000, named=False)
    data = path.read_bytes()
    ranges = line_ranges(path, 3)
    assert len(ranges) == 3 and ranges[0][0] == 0 and ranges[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert all(data[end - 1:end] == b"\n" for _, end in ranges)


@pytest.mark.parametrize("suffix, fmt, named", [(".nt", ox.RdfFormat.N_TRIPLES, False),
                                                (".nq", ox.RdfFormat.N_QUADS, True)])
def test_parts_load_the_same_graph_as_one_part(tmp_path, suffix, fmt, named):
    path = tmp_path / f"g{suffix}"
    write_quads(path, 3000, named)
    stores = []
    for parts in (1, 3):
        store = ox.Store()
        bulk_load_file(store, path, fmt, parts=parts)
        stores.append(set(store))
    assert stores[0] == stores[1]
    merged = {q for q in stores[0] if isinstance(q.graph_name, ox.DefaultGraph)}
    assert len(merged) == 3000 and len(stores[0]) == (6000 if named else 3000)


def test_an_error_in_a_later_part_names_its_line_in_the_file(tmp_path):
    path = tmp_path / "g.nt"
    lines = write_quads(path, 3000, named=False)
    lines[2500] = "<http://ex.org/s> <http://ex.org/p> .\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SyntaxError) as err:
        bulk_load_file(ox.Store(), path, ox.RdfFormat.N_TRIPLES, parts=3)
    assert err.value.lineno == 2501
