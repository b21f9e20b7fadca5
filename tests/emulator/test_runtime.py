"""Determinism, fixtures, SQLite persistence, the CLI and the pytest plugin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from ninoxkit.testing import NinoxEmulator

from .conftest import P

pytest_plugins = ["pytester"]


def _client(emu: NinoxEmulator) -> httpx.Client:
    return httpx.Client(base_url=emu.base_url, headers={"Authorization": f"Bearer {emu.token}"})


def _session(emu: NinoxEmulator) -> list[bytes]:
    out = []
    with httpx.Client(base_url=emu.base_url, headers={"Authorization": f"Bearer {emu.token}"}) as c:
        for method, path, body in [
            ("GET", "/teams", None),
            (
                "POST",
                P + "/tables/B/records",
                [{"fields": {"First Name": "Ann"}}, {"id": 2, "fields": {"Score": 1}}],
            ),
            ("PUT", P + "/tables/B/records/3", {"fields": {"Status": "Customer"}}),
            ("DELETE", P + "/tables/B/records/4", None),
            ("POST", P + "/exec", {"query": 'let r := create Deals; r.Title := "T"; r'}),
            ("POST", P + "/views", [{"id": "v9", "type": "A"}]),
            ("POST", P + "/tables/B/views/v1/share", None),
            ("GET", P + "/tables/B/records", None),
            ("GET", P + "/changes", None),
            ("GET", P, None),
        ]:
            r = c.request(method, path, json=body)
            out.append(
                r.status_code.to_bytes(2, "big")
                + b" ".join(
                    k + b":" + v for k, v in sorted(r.headers.raw) if k.lower() != b"content-length"
                )
                + r.content
            )
        r = c.post(P + "/tables/B/records/1/files", files={"file": ("a.txt", b"x")})
        out.append(r.content)
    return out


def test_same_requests_give_identical_bytes() -> None:
    with NinoxEmulator(fixture="crm", deterministic=True) as a:
        first = _session(a)
    with NinoxEmulator(fixture="crm", deterministic=True) as b:
        second = _session(b)
    assert first == second
    assert b'"modifiedAt":"2024-01-01T00:00:' in first[1]


def test_empty_and_mapping_fixture() -> None:
    with NinoxEmulator() as emu:
        r = httpx.get(emu.base_url + "/teams", headers={"Authorization": f"Bearer {emu.token}"})
        assert r.json() == []
    data = {
        "user": "u1",
        "teams": [
            {
                "name": "T",
                "databases": [
                    {
                        "name": "D",
                        "tables": [
                            {
                                "name": "People",
                                "fields": [
                                    {"name": "Tags", "type": "multi", "choices": ["a", "b"]}
                                ],
                                "records": [{"Tags": ["b", "a"]}],
                            }
                        ],
                    }
                ],
            }
        ],
    }
    with (
        NinoxEmulator(data, token="tok", deterministic=True) as emu,
        httpx.Client(base_url=emu.base_url, headers={"Authorization": "Bearer tok"}) as c,
    ):
        team = c.get("/teams").json()[0]
        assert len(team["id"]) == 17
        db = c.get(f"/teams/{team['id']}/databases").json()[0]
        assert len(db["id"]) == 12
        rec = c.get(f"/teams/{team['id']}/databases/{db['id']}/tables/People/records/1").json()
        assert rec["fields"] == {"Tags": ["b", "a"]}
        assert rec["createdBy"] == "u1"


def test_json_fixture_file(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps({"teams": [{"id": "t", "name": "T"}]}))
    with NinoxEmulator(path) as emu:
        assert (
            httpx.get(
                emu.base_url + "/teams/t", headers={"Authorization": f"Bearer {emu.token}"}
            ).status_code
            == 200
        )


def test_sqlite_persistence_survives_restart(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    with NinoxEmulator(fixture="crm", db=db, deterministic=True) as emu, _client(emu) as c:
        created = c.post(
            P + "/tables/B/records", json=[{"fields": {"First Name": "Persisted"}}]
        ).json()[0]
        c.post(P + f"/tables/B/records/{created['id']}/files", files={"file": ("p.txt", b"keep")})
        c.delete(P + "/tables/B/records/1")
    with NinoxEmulator(fixture=None, db=db, deterministic=True) as emu, _client(emu) as c:
        again = c.get(P + f"/tables/B/records/{created['id']}").json()
        assert again["fields"]["First Name"] == "Persisted"
        assert c.get(P + f"/tables/B/records/{created['id']}/files/p.txt").content == b"keep"
        assert c.get(P + "/tables/B/records/1").status_code == 404
        later = c.post(P + "/tables/B/records", json=[{"fields": {}}]).json()[0]
        assert later["id"] == created["id"] + 1
        assert later["sequence"] > again["sequence"]
        assert later["createdAt"] > again["modifiedAt"]  # the fixed clock did not go back


def test_sqlite_snapshot_is_written_only_when_data_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with NinoxEmulator(fixture="crm", db=tmp_path / "d.sqlite", deterministic=True) as emu:
        persistence = emu.state.persistence
        assert persistence is not None
        saves: list[int] = []
        real_save = persistence.save
        monkeypatch.setattr(persistence, "save", lambda snap: saves.append(1) or real_save(snap))
        with _client(emu) as c:
            assert c.post(P + "/query", json={"query": "count(select Deals)"}).status_code == 200
            found = c.post(P + "/tables/B/record", json={"filters": {"First Name": "Ada"}})
            assert found.status_code == 200
            refused = c.put(P + "/tables/B/records/1", json={"fields": {"Score": "x"}})
            assert refused.status_code == 422
            assert c.get(P + "/tables/B/records").status_code == 200
            assert saves == []  # reads and a refused write change nothing
            written = c.put(P + "/tables/B/records/1", json={"fields": {"Score": 7}})
            assert written.status_code == 200
            assert len(saves) == 1
            # A script that fails after a write keeps that write (and so persists it).
            r = c.post(P + "/exec", json={"query": "record(Contacts, 1).Score := 8; 1 / 0"})
            assert r.status_code == 400
            assert len(saves) == 2
        stored = persistence.load()
        assert stored is not None
        contacts = stored["teams"][0]["databases"][0]["tables"][1]
        assert contacts["records"][0]["values"]["F"] == 8


def test_reset_restores_the_initial_data_every_time(tmp_path: Path) -> None:
    # Snapshots are not copied: reset must still never share objects with the live store.
    path = P + "/tables/B/records/1"
    with NinoxEmulator(fixture="crm", db=tmp_path / "r.sqlite", deterministic=True) as emu:
        with _client(emu) as c:
            original = c.get(path).json()
            for score in (1, 2):
                assert c.put(path, json={"fields": {"Score": score}}).status_code == 200
                c.post(P + "/views", json=[{"id": "v9", "type": "B", "caption": f"{score}"}])
                emu.reset()
                assert c.get(path).json() == original
                assert "v9" not in [v["id"] for v in c.get(P + "/views").json()]
        assert emu.state.persistence is not None
        assert emu.state.persistence.load() == json.loads(emu.state.initial)


def test_refuses_non_loopback_host() -> None:
    with pytest.raises(ValueError, match="non-loopback"):
        NinoxEmulator(host="0.0.0.0")


def test_cli_prints_url_and_serves(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ninoxkit.testing",
            "--port",
            "0",
            "--fixture",
            "crm",
            "--token",
            "t0k",
            "--deterministic",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/v1")
        r = httpx.get(url + "/teams", headers={"Authorization": "Bearer t0k"})
        assert r.json()[0]["name"] == "Acme"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    bad = subprocess.run(
        [sys.executable, "-m", "ninoxkit.testing", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "allow-remote" in bad.stderr


def test_pytest_plugin_fixture(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import httpx
        import pytest

        pytest_plugins = ["ninoxkit.testing.pytest_plugin"]

        def test_default(ninox_emulator):
            r = httpx.get(ninox_emulator.base_url + "/teams",
                          headers={"Authorization": f"Bearer {ninox_emulator.token}"})
            assert r.json()[0]["name"] == "Acme"

        @pytest.mark.ninox_emulator(fixture=None, token="abc")
        def test_marker(ninox_emulator):
            auth = {"Authorization": "Bearer abc"}
            r = httpx.get(ninox_emulator.base_url + "/teams", headers=auth)
            assert r.json() == []
        """
    )
    result = pytester.runpytest_subprocess("--block-network", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
