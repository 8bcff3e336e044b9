"""Child process for the crash test: writes entries until it is killed.

After each committed transaction it prints the entry's id, so the parent knows
exactly which writes the database promised to keep.
"""

import sys
from pathlib import Path

from heartline.store import Store, people
from heartline.store.entries import add_entry

store = Store.open(sys.argv[1], home=Path(sys.argv[2]))
with store.write() as session:
    person = people.find_person(session, "Sam") or people.add_person(session, "Sam")
print("ready", flush=True)
n = 0
while True:
    n += 1
    with store.write() as session:
        entry = add_entry(session, person, "share", text=f"burst {n} " + "x" * (n % 300),
                          data={"n": n, "payload": list(range(n % 50))})
    print(entry.id, flush=True)
