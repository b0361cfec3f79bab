"""The chat page: python app.py [--host 127.0.0.1] [--port 7860] [--index DIR] [--archive DIR].

A shell: the page lives in qa/page.py, the only module of the package that imports gradio
(the engine never does), so `qa serve` works from any install.
"""

from qa.page import main

if __name__ == "__main__":
    main()
