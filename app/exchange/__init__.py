"""Exchange between the office's laptops: the change log travels in encrypted files and is
merged field by field, three-way; see docs/exchange.md.

- ``outgoing``: what this laptop sends (the change log, tombstones, audit lines).
- ``incoming``: merging what another laptop sent, in one transaction.
- ``exchange_file``: the encrypted, authenticated file format.
- ``join``: the join file a coordinator makes for a new laptop, with its one-time code.
- ``key_file``: the office's exchange key, new at every data key rotation, and the key file
  that brings it to the other laptops.
- ``code_seal``: the one-time code and its scrypt key, for join and key files.
- ``series``: record numbers that never clash between laptops.
- ``conflicts``: what waits for a case manager, and resolving it with one click.
- ``transfer``: the actions the window and the command line call (roles, audit, files).
- ``commands``: the ``wegwijs exchange`` and ``wegwijs join`` commands.
"""
