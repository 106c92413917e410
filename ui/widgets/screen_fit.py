"""Windows that fit an office laptop: sized to the screen's free area, person windows beside
the main window so its menu, tabs and search stay in reach.

Sizes are logical pixels (a 1600×900 screen at 125 % is 1280×720 here). The free area is
``QScreen.availableGeometry`` (without the task bar); the window frame is measured from the main
window when it is shown, otherwise estimated.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

#: Title bar and borders of a window, when no shown window tells (most desktops: about this).
FRAME_GUESS = QMargins(4, 30, 4, 4)
#: How much of the main window's side stays free beside a person window (menu, tabs, search).
MAIN_STRIP = 240
#: Each further person window opens this much lower and further in.
CASCADE = 28


def available(widget: QWidget | None = None) -> QRect:
    """The free area of the widget's screen (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def frame_of(widget: QWidget | None) -> QMargins:
    """The frame around the widget's content (measured when shown and framed, else guessed)."""
    if widget is not None and widget.isVisible():
        outer, inner = widget.frameGeometry(), widget.geometry()
        if outer != inner:
            return QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                            outer.right() - inner.right(), outer.bottom() - inner.bottom())
    return QMargins(FRAME_GUESS)


def fit_size(widget: QWidget, width: int, height: int, frame: QMargins | None = None) -> None:
    """Resize to ``width``×``height``, or smaller when the screen's free area is smaller."""
    area = available(widget)
    f = frame if frame is not None else frame_of(None)
    width = min(width, area.width() - f.left() - f.right())
    height = min(height, area.height() - f.top() - f.bottom())
    widget.resize(max(width, widget.minimumWidth()), max(height, widget.minimumHeight()))


def centre(widget: QWidget, frame: QMargins | None = None) -> None:
    """Put the (not yet shown) window in the middle of the free area, wholly on screen."""
    area = available(widget)
    f = frame if frame is not None else frame_of(None)
    outer_w = widget.width() + f.left() + f.right()
    outer_h = widget.height() + f.top() + f.bottom()
    x = area.left() + max(0, (area.width() - outer_w) // 2)
    y = area.top() + max(0, (area.height() - outer_h) // 2)
    widget.move(x, y)  # a window's position is that of its frame


def place_beside(window: QWidget, main: QWidget | None, index: int = 0,
                 width: int = 1100, height: int = 720) -> None:
    """Size and place a person's window before it shows.

    It takes the screen's free height and at most ``width``, and keeps ``MAIN_STRIP`` of the
    main window's start side free (left; right in a right-to-left language), where its menu,
    tabs and search field begin. The ``index``-th window opens a little lower and further in,
    so windows never hide each other completely.
    """
    area = available(main or window)
    f = frame_of(main)
    rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    step = (index % 6) * CASCADE
    free = QRect(area)  # where the window may go: beside the main window's start side
    if main is not None and main.isVisible():
        outer = main.frameGeometry()
        if rtl:
            free.setRight(min(area.right(), max(outer.right() - MAIN_STRIP, area.left() + 600)))
        else:
            free.setLeft(max(area.left(), min(outer.left() + MAIN_STRIP, area.right() - 600)))
    else:
        free.setWidth(area.width() - MAIN_STRIP)
        if not rtl:
            free.moveRight(area.right())
    width = min(width, free.width() - f.left() - f.right()) - step
    height = min(height, free.height() - f.top() - f.bottom()) - step
    window.resize(max(width, 600), max(height, 400))
    outer_w = window.width() + f.left() + f.right()
    x = free.left() if rtl else free.right() + 1 - outer_w
    window.move(x, area.top() + step)  # a window's position is that of its frame
