"""Which folders are lexmap's outputs: the one reading of the marker every folder lexmap builds holds.

The marker (``OWNED_FOLDER_MARKER``, JSON) names the kind of output (a site, a Parquet export, a
SPARQL store) and lists every file lexmap wrote there with its SHA-256. A folder is lexmap's
output of a kind only if its marker is of that kind and accounts for every file the folder
holds, unchanged: an empty or forged marker claims nothing, a marker copied into a web root
beside other files does not make them lexmap's. Anyone who can write a folder can compute its
files' SHA-256, so a marker proves ownership only when its HMAC (``mac``, over every other field)
verifies with this user's key, the one :mod:`lexmap.cache_folder` keeps in the cache folder: a
marker that does not verify is a folder lexmap did not write for this user. Everything is read
through an open folder handle, never following a link. Writing and replacing folders:
:mod:`lexmap.outputs`.
"""

from __future__ import annotations

import json
import os
import stat

from .cache_folder import CacheFolderError, file_sha256, sign, verify

OWNED_FOLDER_MARKER = ".lexmap-output"
"""The file in every folder lexmap builds: its kind and every file lexmap wrote there."""
KINDS = {"site": "site", "parquet": "Parquet export", "sparql-store": "SPARQL store"}
MAC_FIELD = "mac"
"""The marker's HMAC over its other fields, keyed by this user's cache key."""
_MAC_DOMAIN = b"lexmap-output-marker\0"
"""Prefixed to what is signed: no other HMAC made with the same key (a cache entry's) passes as a marker's."""


def _signed_bytes(marker: dict) -> bytes:
    fields = {key: value for key, value in marker.items() if key != MAC_FIELD}
    return _MAC_DOMAIN + json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def marker_key(*, create: bool) -> tuple[bytes | None, str]:
    """This user's key for markers (the cache folder's, created with ``create``), and where it is
    kept, or why there is none, for messages."""
    from .cache import cache_dir, folder_key, private_dir

    try:
        folder = private_dir(create=create)
    except FileNotFoundError:
        return None, f"your key (there is none yet in {cache_dir()})"
    except (CacheFolderError, OSError) as error:
        return None, f"your key (none usable: {error})"
    try:
        key = folder_key(folder, create)
    except (CacheFolderError, OSError) as error:
        return None, f"your key (none usable: {error})"
    return key, f"your key in {folder}" if key is not None else f"your key (there is none yet in {folder})"


def sign_marker(marker: dict) -> dict:
    """``marker`` with its HMAC, when this user has a usable cache folder (else unsigned: a later
    build into the folder is then refused without ``--force``, saying why)."""
    key, _where = marker_key(create=True)
    return marker if key is None else {**marker, MAC_FIELD: sign(key, _signed_bytes(marker))}


def _verified(marker: dict) -> tuple[bool, str]:
    mac = marker.get(MAC_FIELD)
    key, where = marker_key(create=False)
    if key is None or not isinstance(mac, str):
        return False, where
    return verify(key, _signed_bytes(marker), mac), where


def folder_contents(folder_fd: int) -> tuple[dict[str, str], list[str]]:
    """Every regular file under the open folder (but its marker), with its SHA-256, by path
    relative to it; and whatever else it holds (links, FIFOs, devices), never followed."""
    files: dict[str, str] = {}
    others: list[str] = []
    for root, dirs, names, root_fd in os.fwalk(".", dir_fd=folder_fd, follow_symlinks=False):
        prefix = "" if root == "." else root[2:] + "/"
        for name in sorted(dirs):
            if not stat.S_ISDIR(os.stat(name, dir_fd=root_fd, follow_symlinks=False).st_mode):
                others.append(prefix + name)
        for name in sorted(names):
            path = prefix + name
            if path == OWNED_FOLDER_MARKER:
                continue
            if stat.S_ISREG(os.stat(name, dir_fd=root_fd, follow_symlinks=False).st_mode):
                files[path] = file_sha256(name, dir_fd=root_fd, follow=False)
            else:
                others.append(path)
    return files, others


def _read_marker(folder_fd: int) -> dict | None:
    """The folder's marker if it is a regular file of lexmap's form (kind and a list of files)."""
    try:
        handle = os.open(OWNED_FOLDER_MARKER, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder_fd)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        try:
            marker = json.loads(stream.read(64 << 20))
        except ValueError:
            return None
    if (
        not isinstance(marker, dict)
        or marker.get("written_by") != "lexmap"
        or marker.get("kind") not in KINDS
        or not isinstance(marker.get("files"), dict)
        or not all(isinstance(v, str) for v in marker["files"].values())
    ):
        return None
    return marker


def _old_marker(folder_fd: int) -> bool:
    try:
        handle = os.open(OWNED_FOLDER_MARKER, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=folder_fd)
    except OSError:
        return False
    with os.fdopen(handle, "rb") as stream:
        try:
            old = json.loads(stream.read(4096))
        except ValueError:
            return False
    return isinstance(old, dict) and old.get("written_by") == "lexmap" and "files" not in old and "kind" in old


_VERIFIED: dict[tuple[int, int], tuple[str, dict[str, tuple[int, ...]]]] = {}
"""Folders found lexmap's in this process, by (device, inode): the marker's kind and every
entry's status (:func:`folder_status`) taken before the files were hashed. A build checks its
output folder three times (the command, before the build, after moving it aside: hashing the
old site each time: 0.65 s CPU a pass at 10x); a folder whose every entry has the same status
(inode, size, modification and change times: any write, rename or new file changes one, no
call sets the change time back, and since Linux 6.13 a change after a ``stat`` gets a later
change time on ext4, XFS, Btrfs and tmpfs) holds the same files, verified already."""
_VERIFIED_KEPT = 8


def folder_status(folder_fd: int) -> dict[str, tuple[int, ...]]:
    """Every entry under the open folder (its marker too), with its mode, inode, size and
    modification and change times in nanoseconds, by path relative to it; never following a link."""
    found: dict[str, tuple[int, ...]] = {}
    for root, dirs, names, root_fd in os.fwalk(".", dir_fd=folder_fd, follow_symlinks=False):
        prefix = "" if root == "." else root[2:] + "/"
        for name in (*dirs, *names):
            st = os.stat(name, dir_fd=root_fd, follow_symlinks=False)
            found[prefix + name] = (st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return found


def ownership(folder_fd: int, kind: str | None) -> tuple[str, str] | None:
    """None if the open folder is lexmap's output (of ``kind``, when given) and holds nothing
    else; else why not and what to do, as (message, hint) about the folder. A folder this
    process found lexmap's, unchanged since (:data:`_VERIFIED`), is not read again."""
    folder = os.fstat(folder_fd)
    key = (folder.st_dev, folder.st_ino)
    status = folder_status(folder_fd)  # before anything is read: a file changed after it changes it
    known = _VERIFIED.pop(key, None)
    if known is not None and known[1] == status and kind in (None, known[0]):
        _VERIFIED[key] = known
        return None
    why = _why_not(folder_fd, kind)
    marker = _read_marker(folder_fd) if why is None else None  # its kind (a change since: a new status)
    if marker is not None:
        _VERIFIED[key] = (marker["kind"], status)
        while len(_VERIFIED) > _VERIFIED_KEPT:
            del _VERIFIED[next(iter(_VERIFIED))]
    return why


def _why_not(folder_fd: int, kind: str | None) -> tuple[str, str] | None:
    """What :func:`ownership` says, read from the folder."""
    marker = _read_marker(folder_fd)
    if marker is None and _old_marker(folder_fd):
        return (
            f"was written by an older lexmap, whose {OWNED_FOLDER_MARKER} does not list the files it wrote",
            "check that it holds nothing of yours, then build again with --force (once)",
        )
    if marker is None:
        return (
            f"is not empty and was not written by lexmap (it has no valid {OWNED_FOLDER_MARKER} file)",
            "give a new or empty folder; --force replaces it and deletes what it holds",
        )
    genuine, where = _verified(marker)
    if not genuine:
        return (
            f"has a {OWNED_FOLDER_MARKER} that lexmap did not write for you: it does not verify with {where}",
            "give a new or empty folder; if it holds nothing of yours, --force replaces it and deletes what it holds",
        )
    if kind is not None and marker["kind"] != kind:
        return (
            f"holds a lexmap {KINDS[marker['kind']]}, not a {KINDS[kind]}; lexmap never replaces one kind of output by another",
            "give another folder",
        )
    files, others = folder_contents(folder_fd)
    extra = others + [path for path, sha in files.items() if marker["files"].get(path) != sha]
    if extra:
        changed = extra[0] in marker["files"]
        more = f" (and {len(extra) - 1} other file{'s' if len(extra) != 2 else ''})" if len(extra) > 1 else ""
        return (
            f"holds {extra[0]!r}{more}, which lexmap did not write there"
            if not changed
            else f"holds {extra[0]!r}{more}, changed since lexmap wrote it",
            "move what is yours out of the folder, or give another folder; --force replaces it and deletes what it holds",
        )
    return None


def _open_folder(folder: str | os.PathLike) -> int | None:
    try:
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None


def is_owned(folder: str | os.PathLike, kind: str | None = None) -> bool:
    """Whether ``folder`` is lexmap's output (of ``kind``, if given): its marker is valid and
    lists every file it holds, unchanged."""
    handle = _open_folder(folder)
    if handle is None:
        return False
    try:
        return ownership(handle, kind) is None
    finally:
        os.close(handle)


def owned_marker(folder: str | os.PathLike, kind: str) -> dict | None:
    """The marker of ``folder`` if it is lexmap's output of ``kind`` (see :func:`is_owned`)."""
    handle = _open_folder(folder)
    if handle is None:
        return None
    try:
        return _read_marker(handle) if ownership(handle, kind) is None else None
    finally:
        os.close(handle)


# -- folders others can change -----------------------------------------------------------------


def _only_mine(gid: int) -> bool:
    """Whether no other user is in the group ``gid`` (a user's own group, as umask 002 systems
    give): a folder writable by that group is writable by nobody else."""
    import grp
    import pwd

    try:
        me = pwd.getpwuid(os.getuid()).pw_name
        members = set(grp.getgrgid(gid).gr_mem)
    except KeyError:
        return False
    members |= {user.pw_name for user in pwd.getpwall() if user.pw_gid == gid}
    return members <= {me}


_ACL_USER, _ACL_GROUP, _ACL_MASK, _ACL_WRITE = 0x02, 0x08, 0x10, 0x02
"""POSIX ACL entry tags and the write permission, as Linux stores them (``acl_ea.h``)."""


def _acl_writer(path: str, kind: str = "access") -> str | None:
    """Who other than this user an ACL on ``path`` lets write it (a named user or group, write
    not masked off), or None. The mode's group bits of a folder with an ACL are its mask, so a
    mode alone cannot tell: ``setfacl -m u:other:rwx`` shows as group-writable by one's own group.
    ``kind`` "default": the ACL that what is made in ``path`` inherits (``setfacl -d``)."""
    try:
        blob = os.getxattr(path, f"system.posix_acl_{kind}", follow_symlinks=False)
    except OSError:  # no ACL, or a file system without them
        return None
    import struct

    entries = [struct.unpack_from("<HHI", blob, at) for at in range(4, len(blob) - 7, 8)]
    mask = next((perm for tag, perm, _id in entries if tag == _ACL_MASK), 0o7)
    me = os.getuid()
    for tag, perm, id_ in entries:
        if not perm & mask & _ACL_WRITE:
            continue
        if tag == _ACL_USER and id_ != me:
            return f"user uid {id_}"
        if tag == _ACL_GROUP and not _only_mine(id_):
            return f"group gid {id_}"
    return None


def changeable_by_others(folder: str | os.PathLike, *, itself: bool, parents: bool = True) -> str | None:
    """Why another user could swap or plant files in ``folder`` (an absolute path, its links
    resolved), or None. The folder ``itself`` must be this user's and not writable by all; its
    parents up to the root this user's or root's, and writable by nobody else unless sticky
    (as /tmp is: nobody else may rename what is yours there). The rule ssh applies to ~/.ssh."""
    path = os.path.abspath(folder)
    me = os.getuid()
    holders = 2 if itself else 1  # the folder and the one holding it: what lexmap makes there inherits their default ACL
    while True:
        info = os.stat(path, follow_symlinks=False)
        mode = stat.S_IMODE(info.st_mode)
        if holders and (acl := _acl_writer(path, "default")):  # sticky or not: the new files are the other's to write
            return (
                f"{path!r} gives another {acl} write access to what is made in it, through its default ACL (getfacl -d shows it)"
            )
        holders -= bool(holders)
        if itself:
            if info.st_uid != me:
                return f"{path!r} belongs to another user (uid {info.st_uid})"
            if mode & 0o002:
                return f"{path!r} can be written by every user (mode {mode:04o})"
        else:
            if info.st_uid not in (me, 0):
                return f"{path!r}, a folder holding it, belongs to another user (uid {info.st_uid})"
            group = bool(mode & 0o020) and not _only_mine(info.st_gid)
            if (mode & 0o002 or group) and not mode & stat.S_ISVTX:
                who = "every user" if mode & 0o002 else "other members of its group"
                return f"{path!r}, a folder holding it, can be written by {who} (mode {mode:04o}, not sticky)"
            if not mode & stat.S_ISVTX and (acl := _acl_writer(path)):
                return f"{path!r}, a folder holding it, can be written by another {acl} through its ACL (getfacl shows it; not sticky)"
        parent = os.path.dirname(path)
        if parent == path or not parents:
            return None
        path, itself = parent, False
