"""``python -m cxvocab``: the same as the ``cxvocab`` command."""

from cxvocab.cli import main

if __name__ == "__main__":
    main()
