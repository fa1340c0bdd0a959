"""Case ids: a year plus a speakable random code, never derived from content."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Container

CASE_ID_PATTERN = re.compile(r"^[0-9]{4}-[a-z]+-[a-z]+$")

_ADJECTIVES = """
amber azure bold brave brisk calm clear clever coral crisp curly dapper dawn
deep eager early fair fancy fierce fluffy fond frank gentle giant glad golden
grand green happy hardy hazel honest humble icy ivory jade jolly keen kind
lively lofty loyal lucky lunar mellow merry mild misty modest noble olive
pale patient plain polite proud quick quiet rapid rare ready red rosy royal
ruby rustic safe sandy scarlet serene sharp shiny silent silver simple sleek
smooth snowy solar solid spare spry steady stormy sturdy sunny swift tall
tender tidy tiny topaz tranquil true violet vivid warm wild wise witty young
zesty bright cobalt cosmic dusky elder frosty gilded hollow indigo lemon
maple marble mossy nimble opal pearl plucky radiant russet sage sepia sienna
""".split()

_ANIMALS = """
falcon otter badger beaver bison cougar coyote crane dingo dolphin eagle
egret ferret finch fox gazelle gecko gibbon heron hedgehog ibis jackal jaguar
kestrel koala lemur leopard lynx magpie marmot marten mink moose narwhal newt
ocelot okapi oriole osprey owl panda panther parrot pelican penguin puffin
quail rabbit raven robin salmon seal shrew skunk sparrow stork swan tapir
tern thrush tiger toucan trout turtle viper walrus weasel whale wolf wombat
wren yak zebra alpaca antelope armadillo buffalo camel caribou cheetah
condor cricket donkey gopher grouse hare hawk hornet hyena iguana kingfisher
lark llama macaw manatee meerkat mole mongoose moth nightingale orca pika
plover porcupine possum quokka reindeer sandpiper seahorse starling
""".split()


def new_case_id(year: int, taken: Container[str] | Callable[[str], bool] = frozenset()) -> str:
    """Return a fresh case id such as ``2026-amber-falcon`` not in ``taken``.

    ``taken`` is a set of ids or a test (``Archive.has_case``: one file
    check per candidate instead of listing every case).

    The code is random (``secrets``) so it reveals nothing about the case
    and needs no coordination between clones.
    """
    for _ in range(1000):
        candidate = f"{year}-{secrets.choice(_ADJECTIVES)}-{secrets.choice(_ANIMALS)}"
        if not (taken(candidate) if callable(taken) else candidate in taken):
            return candidate
    raise RuntimeError("no free case id left for this year")  # ~13,000 ids a year


def is_case_id(value: str) -> bool:
    """Tell whether ``value`` has the shape of a case id."""
    return bool(CASE_ID_PATTERN.fullmatch(value))


def is_generated_case_id(value: str) -> bool:
    """Tell whether ``value`` is an id :func:`new_case_id` could have made: a year and two of its words.

    A case id is plaintext (the file name), so one made of other words could
    carry a name or a fact about the case.
    """
    if not is_case_id(value):
        return False
    _, adjective, animal = value.split("-")
    return adjective in _ADJECTIVE_SET and animal in _ANIMAL_SET


_ADJECTIVE_SET = frozenset(_ADJECTIVES)
_ANIMAL_SET = frozenset(_ANIMALS)
