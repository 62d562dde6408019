import sys

from pipeline.cli import main

if __name__ == "__main__":  # not when a spawned process (another school's build) loads it again
    sys.exit(main())
