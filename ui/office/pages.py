"""How many people a page of the People list holds: the first page comes with the unlock (read
before the list's own modules load, issue 17), the next as the list scrolls."""

PAGE = 100
